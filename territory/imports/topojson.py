"""TopoJSON → GeoJSON geometries, standard library only.

Follows the TopoJSON specification (https://github.com/topojson/topojson-specification): quantized,
delta-encoded arcs when the topology has a `transform`, absolute positions otherwise; arc index ~i is
arc i reversed. Every malformed input raises ValueError, so callers can refuse a file with one message.
"""

from collections.abc import Iterator

Position = list[float]

GEOMETRY_TYPES = (
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
)


class _Decoder:
    """Decodes the geometries of one topology; each arc is decoded once, on first use."""

    def __init__(self, topology: dict, precision: int) -> None:
        self.precision = precision
        self.raw_arcs = topology.get("arcs", [])
        if not isinstance(self.raw_arcs, list):
            raise ValueError('the topology\'s "arcs" is not a list')
        self.arcs: list[list[tuple[float, ...]] | None] = [None] * len(self.raw_arcs)
        transform = topology.get("transform")
        if transform is None:
            self.scale, self.translate = None, None
        else:
            try:
                (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
                self.scale, self.translate = (float(sx), float(sy)), (float(tx), float(ty))
            except (KeyError, TypeError, ValueError):
                raise ValueError(
                    'the topology\'s "transform" needs "scale" and "translate", two numbers each'
                ) from None

    def arc(self, index: int) -> list[tuple[float, ...]]:
        """The positions of arc `index` (negative: arc ~index reversed), rounded."""
        number = ~index if index < 0 else index
        if not 0 <= number < len(self.arcs):
            raise ValueError(f"arc index {index} is out of range (the topology has {len(self.arcs)} arcs)")
        points = self.arcs[number]
        if points is None:
            points = self.arcs[number] = self._decode_arc(self.raw_arcs[number])
        return points[::-1] if index < 0 else points

    def _decode_arc(self, arc: list) -> list[tuple[float, ...]]:
        digits, points = self.precision, []
        try:
            if self.scale is None:
                for position in arc:
                    points.append((round(position[0], digits), round(position[1], digits), *position[2:]))
            else:
                (sx, sy), (tx, ty), x, y = self.scale, self.translate, 0, 0
                for position in arc:
                    x += position[0]
                    y += position[1]
                    points.append((round(x * sx + tx, digits), round(y * sy + ty, digits), *position[2:]))
        except (IndexError, TypeError):
            raise ValueError("an arc holds a position that is not a pair of numbers") from None
        return points

    def point(self, position: list) -> Position:
        """A position of a Point or MultiPoint: quantized (with a transform) but not delta-encoded."""
        digits = self.precision
        try:
            if self.scale is None:
                return [round(position[0], digits), round(position[1], digits), *position[2:]]
            (sx, sy), (tx, ty) = self.scale, self.translate
            return [
                round(position[0] * sx + tx, digits),
                round(position[1] * sy + ty, digits),
                *position[2:],
            ]
        except (IndexError, TypeError):
            raise ValueError(f"a point position is not a pair of numbers: {position!r}") from None

    def line(self, indexes: list[int]) -> list[Position]:
        """Stitch arcs: each arc after the first drops its first point, the previous arc's last one."""
        points: list[tuple[float, ...]] = []
        for index in indexes:
            if not isinstance(index, int):
                raise ValueError(f"arc index {index!r} is not an integer")
            arc = self.arc(index)
            points.extend(arc[1:] if points else arc)
        if points and len(points) < 2:  # a line needs two positions
            points.append(points[0])
        return [list(point) for point in points]

    def ring(self, indexes: list[int]) -> list[Position]:
        """A closed linear ring, padded to the four positions GeoJSON asks for when degenerate."""
        points = self.line(indexes)
        if points:
            if points[0] != points[-1]:
                points.append(list(points[0]))
            while len(points) < 4:
                points.append(list(points[0]))
        return points

    def geometry(self, geometry: dict, where: str) -> dict | None:
        """The GeoJSON geometry, or None for a geometry of type null."""
        if not isinstance(geometry, dict):
            raise ValueError(f"{where} is not a JSON object")
        kind = geometry.get("type")
        if kind is None:
            return None
        if kind not in GEOMETRY_TYPES:
            raise ValueError(f"{where} has an unknown geometry type {kind!r}")
        try:
            if kind == "GeometryCollection":
                members = (
                    self.geometry(member, f"{where}, member {number}")
                    for number, member in enumerate(geometry["geometries"])
                )
                return {"type": kind, "geometries": [member for member in members if member is not None]}
            if kind == "Point":
                return {"type": kind, "coordinates": self.point(geometry["coordinates"])}
            if kind == "MultiPoint":
                return {"type": kind, "coordinates": [self.point(p) for p in geometry["coordinates"]]}
            arcs = geometry["arcs"]
            if kind == "LineString":
                coordinates = self.line(arcs)
            elif kind == "MultiLineString":
                coordinates = [self.line(line) for line in arcs]
            elif kind == "Polygon":
                coordinates = [self.ring(ring) for ring in arcs]
            else:
                coordinates = [[self.ring(ring) for ring in polygon] for polygon in arcs]
        except KeyError as error:
            raise ValueError(f"{where} ({kind}) has no {error.args[0]!r} member") from None
        except TypeError:
            raise ValueError(f"{where} ({kind}) has malformed arcs or coordinates") from None
        return {"type": kind, "coordinates": coordinates}


def geometries_by_code(
    topology: dict, object_name: str, code_property: str = "nis", precision: int = 5
) -> dict[str, dict]:
    """{code: GeoJSON geometry dict} for every geometry of topology["objects"][object_name].

    Codes are the text of the `code_property` property; geometries of type null are skipped.
    Coordinates are rounded to `precision` decimals (5 ≈ 1 m). Raises ValueError when the object is
    missing, when a geometry has no code or repeats one, or when the topology is malformed.
    """
    objects = topology.get("objects") if isinstance(topology, dict) else None
    if not isinstance(objects, dict):
        raise ValueError('not a TopoJSON topology: it has no "objects" member')
    if object_name not in objects:
        available = ", ".join(repr(name) for name in objects) or "none"
        raise ValueError(f"the topology has no object {object_name!r} (available objects: {available})")
    root = objects[object_name]
    if isinstance(root, dict) and root.get("type") == "GeometryCollection":
        members = root.get("geometries", [])
        if not isinstance(members, list):
            raise ValueError(f'the "geometries" of object {object_name!r} is not a list')
    else:
        members = [root]  # an object may also be a single geometry
    decoder = _Decoder(topology, precision)
    found: dict[str, dict] = {}
    for index, member in enumerate(members):
        where = f"geometry {index} of object {object_name!r}"
        decoded = decoder.geometry(member, where)
        if decoded is None:
            continue
        code = (member.get("properties") or {}).get(code_property)
        if code is None or code == "":
            raise ValueError(f"{where} has no {code_property!r} property")
        code = str(code)
        if code in found:
            raise ValueError(f"{where} repeats the {code_property!r} code {code!r}")
        found[code] = decoded
    return found


def _positions(geometry: dict) -> Iterator[list[float]]:
    if geometry.get("type") == "GeometryCollection":
        for member in geometry.get("geometries", []):
            yield from _positions(member)
        return
    stack = [geometry.get("coordinates", [])]
    while stack:
        item = stack.pop()
        if item and isinstance(item[0], int | float):
            yield item
        else:
            stack.extend(item)


def bbox(geometry: dict) -> tuple[float, float, float, float]:
    """(min lon, min lat, max lon, max lat) of a decoded GeoJSON geometry."""
    xs, ys = [], []
    for position in _positions(geometry):
        xs.append(position[0])
        ys.append(position[1])
    if not xs:
        raise ValueError("the geometry has no positions, so no bounding box")
    return min(xs), min(ys), max(xs), max(ys)
