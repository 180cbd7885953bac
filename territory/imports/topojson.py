"""TopoJSON → GeoJSON geometries, standard library only (quantized, delta-encoded arcs)."""


def _decode_arcs(topology: dict, precision: int) -> list[list[list[float]]]:
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        points, x, y = [], 0, 0
        for position in arc:
            if transform:
                x, y = x + position[0], y + position[1]
                sx, sy = transform["scale"]
                tx, ty = transform["translate"]
                points.append([round(x * sx + tx, precision), round(y * sy + ty, precision)])
            else:
                points.append([round(position[0], precision), round(position[1], precision)])
        arcs.append(points)
    return arcs


def _line(indexes: list[int], arcs) -> list[list[float]]:
    points: list[list[float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def _geometry(geometry: dict, arcs, topology: dict, precision: int) -> dict | None:
    kind = geometry.get("type")
    if kind is None:
        return None
    if kind == "Polygon":
        return {"type": kind, "coordinates": [_line(ring, arcs) for ring in geometry["arcs"]]}
    if kind == "MultiPolygon":
        return {
            "type": kind,
            "coordinates": [[_line(r, arcs) for r in polygon] for polygon in geometry["arcs"]],
        }
    if kind == "LineString":
        return {"type": kind, "coordinates": _line(geometry["arcs"], arcs)}
    if kind == "MultiLineString":
        return {"type": kind, "coordinates": [_line(line, arcs) for line in geometry["arcs"]]}
    if kind in ("Point", "MultiPoint"):
        transform = topology.get("transform")

        def point(p):
            if transform:
                return [
                    round(p[0] * transform["scale"][0] + transform["translate"][0], precision),
                    round(p[1] * transform["scale"][1] + transform["translate"][1], precision),
                ]
            return [round(p[0], precision), round(p[1], precision)]

        coords = geometry["coordinates"]
        return {"type": kind, "coordinates": point(coords) if kind == "Point" else [point(p) for p in coords]}
    if kind == "GeometryCollection":
        parts = [_geometry(g, arcs, topology, precision) for g in geometry["geometries"]]
        return {"type": kind, "geometries": [p for p in parts if p]}
    raise ValueError(f"unknown geometry type {kind!r}")


def geometries_by_code(
    topology: dict, object_name: str, code_property: str = "nis", precision: int = 5
) -> dict[str, dict]:
    """{code: GeoJSON geometry} for every geometry of topology["objects"][object_name]."""
    objects = topology.get("objects", {})
    if object_name not in objects:
        raise ValueError(f"no object {object_name!r} in the topology (found: {', '.join(objects)})")
    arcs = _decode_arcs(topology, precision)
    found = {}
    for index, geometry in enumerate(objects[object_name].get("geometries", [])):
        code = (geometry.get("properties") or {}).get(code_property)
        if code is None:
            raise ValueError(f"geometry {index} of {object_name!r} has no {code_property!r} property")
        decoded = _geometry(geometry, arcs, topology, precision)
        if decoded:
            found[str(code)] = decoded
    return found
