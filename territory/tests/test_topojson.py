"""TopoJSON decoding: hand-made topologies, then the real Belgian boundaries file (from PLI_DATA_DIR, or
../shared/data). No database needed; how fast the decoding is: bench/boundaries.py."""

import copy
import json

import pytest

from territory.imports.topojson import bbox, geometries_by_code

BOUNDARIES = "belgium_communes_2019.topojson.json"

# A unit square split in two arcs, without transform: arc 0 goes (0,0)→(1,0)→(1,1), arc 1 comes back.
SQUARE_ARCS = [[[0, 0], [1, 0], [1, 1]], [[1, 1], [0, 1], [0, 0]]]
SQUARE_RING = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]


def topology(geometries: list[dict], arcs: list, transform: dict | None = None, name: str = "areas") -> dict:
    result = {
        "type": "Topology",
        "objects": {name: {"type": "GeometryCollection", "geometries": geometries}},
        "arcs": arcs,
    }
    if transform is not None:
        result["transform"] = transform
    return result


def polygon(code: str, *rings: list[int]) -> dict:
    return {"type": "Polygon", "arcs": list(rings), "properties": {"nis": code}}


def test_quantized_delta_decoding():
    # Positions are cumulative deltas: (10,20), (10+5,20+0)=(15,20), (15-5,20+5)=(10,25), (10,20).
    arcs = [[[10, 20], [5, 0], [-5, 5], [0, -5]]]
    transform = {"scale": [0.5, 0.25], "translate": [4.0, 50.0]}
    result = geometries_by_code(topology([polygon("1", [0])], arcs, transform), "areas")
    assert result == {"1": {"type": "Polygon", "coordinates": [[[9, 55], [11.5, 55], [9, 56.25], [9, 55]]]}}


def test_delta_encoding_restarts_with_every_arc():
    arcs = [[[2, 2], [1, 0]], [[3, 2], [0, 1]]]  # the second arc starts anew at (3, 2), not at (3+3, 2+2)
    transform = {"scale": [1, 1], "translate": [0, 0]}
    line = {"type": "LineString", "arcs": [0, 1], "properties": {"nis": "L"}}
    result = geometries_by_code(topology([line], arcs, transform), "areas")
    assert result["L"]["coordinates"] == [[2, 2], [3, 2], [3, 3]]


def test_without_transform_positions_are_absolute():
    result = geometries_by_code(topology([polygon("A", [0, 1])], SQUARE_ARCS), "areas")
    assert result["A"] == {"type": "Polygon", "coordinates": [SQUARE_RING]}


def test_ring_stitching_drops_the_repeated_point():
    ring = geometries_by_code(topology([polygon("A", [0, 1])], SQUARE_ARCS), "areas")["A"]["coordinates"][0]
    assert len(ring) == 5  # 3 + 3 positions, less the shared (1,1)
    assert ring.count([1, 1]) == 1
    assert ring[0] == ring[-1]


def test_reversed_arcs():
    # The same square described from arc 1 reversed (~1 == -2) then arc 0 reversed: clockwise.
    result = geometries_by_code(topology([polygon("A", [~1, ~0])], SQUARE_ARCS), "areas")
    assert result["A"]["coordinates"] == [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]]


def test_reversed_arc_with_transform_is_decoded_before_reversal():
    arcs = [[[0, 0], [2, 0], [0, 2]]]  # absolute (0,0), (2,0), (2,2)
    transform = {"scale": [1, 1], "translate": [10, 10]}
    lines = [
        {"type": "LineString", "arcs": [0], "properties": {"nis": "forward"}},
        {"type": "LineString", "arcs": [-1], "properties": {"nis": "backward"}},
    ]
    result = geometries_by_code(topology(lines, arcs, transform), "areas")
    assert result["forward"]["coordinates"] == [[10, 10], [12, 10], [12, 12]]
    assert result["backward"]["coordinates"] == [[12, 12], [12, 10], [10, 10]]


def test_shared_arc_between_neighbours():
    # Two squares side by side share the vertical edge x=1, arc 0; the right one walks it reversed.
    arcs = [
        [[1, 0], [1, 1]],  # 0: shared edge, upwards
        [[1, 1], [0, 1], [0, 0], [1, 0]],  # 1: rest of the left square
        [[1, 0], [2, 0], [2, 1], [1, 1]],  # 2: rest of the right square
    ]
    geometries = [polygon("left", [0, 1]), polygon("right", [2, ~0])]
    result = geometries_by_code(topology(geometries, arcs), "areas")
    assert result["left"]["coordinates"] == [[[1, 0], [1, 1], [0, 1], [0, 0], [1, 0]]]
    assert result["right"]["coordinates"] == [[[1, 0], [2, 0], [2, 1], [1, 1], [1, 0]]]


def test_polygon_with_hole():
    arcs = SQUARE_ARCS + [[[0.25, 0.25], [0.25, 0.75], [0.75, 0.75], [0.75, 0.25], [0.25, 0.25]]]
    result = geometries_by_code(topology([polygon("A", [0, 1], [2])], arcs), "areas")
    outer, hole = result["A"]["coordinates"]
    assert outer == SQUARE_RING
    assert hole[0] == hole[-1] == [0.25, 0.25] and len(hole) == 5


def test_multipolygon():
    arcs = SQUARE_ARCS + [[[5, 5], [6, 5], [6, 6], [5, 6], [5, 5]]]
    geometry = {"type": "MultiPolygon", "arcs": [[[0, 1]], [[2]]], "properties": {"nis": "M"}}
    result = geometries_by_code(topology([geometry], arcs), "areas")
    assert result["M"]["type"] == "MultiPolygon"
    assert result["M"]["coordinates"] == [[SQUARE_RING], [[[5, 5], [6, 5], [6, 6], [5, 6], [5, 5]]]]
    assert bbox(result["M"]) == (0, 0, 6, 6)


def test_lines_points_and_collections():
    transform = {"scale": [0.1, 0.1], "translate": [1, 2]}
    arcs = [[[0, 0], [10, 0]], [[10, 0], [0, 10]]]
    geometries = [
        {"type": "MultiLineString", "arcs": [[0], [1]], "properties": {"nis": "ML"}},
        # Points are quantized but not delta-encoded.
        {"type": "Point", "coordinates": [10, 20], "properties": {"nis": "P"}},
        {"type": "MultiPoint", "coordinates": [[0, 0], [10, 10]], "properties": {"nis": "MP"}},
        {
            "type": "GeometryCollection",
            "properties": {"nis": "GC"},
            "geometries": [
                {"type": "Point", "coordinates": [0, 0]},
                {"type": None},
                {"type": "LineString", "arcs": [0]},
            ],
        },
    ]
    result = geometries_by_code(topology(geometries, arcs, transform), "areas")
    assert result["ML"] == {"type": "MultiLineString", "coordinates": [[[1, 2], [2, 2]], [[2, 2], [2, 3]]]}
    assert result["P"] == {"type": "Point", "coordinates": [2, 4]}
    assert result["MP"] == {"type": "MultiPoint", "coordinates": [[1, 2], [2, 3]]}
    assert result["GC"] == {
        "type": "GeometryCollection",
        "geometries": [
            {"type": "Point", "coordinates": [1, 2]},
            {"type": "LineString", "coordinates": [[1, 2], [2, 2]]},
        ],
    }
    assert bbox(result["GC"]) == (1, 2, 2, 2)
    assert bbox(result["P"]) == (2, 4, 2, 4)


def test_null_geometries_are_skipped_even_without_code():
    geometries = [{"type": None}, {"type": None, "properties": {"nis": "N"}}, polygon("A", [0, 1])]
    assert list(geometries_by_code(topology(geometries, SQUARE_ARCS), "areas")) == ["A"]


def test_rounding_to_precision():
    transform = {"scale": [0.123456789, 0.000001234], "translate": [4.000004999, 50.1234567]}
    point = {"type": "Point", "coordinates": [1, 1], "properties": {"nis": "P"}}
    data = topology([point], [], transform)
    assert geometries_by_code(data, "areas")["P"]["coordinates"] == [4.12346, 50.12346]
    assert geometries_by_code(data, "areas", precision=2)["P"]["coordinates"] == [4.12, 50.12]
    arcs = [[[0.1234567, 0.7654321], [1.9999999, 0.0000001]]]
    line = {"type": "LineString", "arcs": [0], "properties": {"nis": "L"}}
    assert geometries_by_code(topology([line], arcs), "areas", precision=3)["L"]["coordinates"] == [
        [0.123, 0.765],
        [2.0, 0.0],
    ]


def test_codes_are_text_and_code_property_is_configurable():
    geometries = [{"type": "Polygon", "arcs": [[0, 1]], "properties": {"nis": 1, "other": "x"}}]
    data = topology(geometries, SQUARE_ARCS)
    assert list(geometries_by_code(data, "areas")) == ["1"]
    assert list(geometries_by_code(data, "areas", code_property="other")) == ["x"]


def test_missing_object_lists_the_available_ones():
    data = topology([polygon("A", [0, 1])], SQUARE_ARCS, name="municipalities")
    data["objects"]["provinces"] = {"type": "GeometryCollection", "geometries": []}
    with pytest.raises(
        ValueError, match="no object 'communes'.*available objects: 'municipalities', 'provinces'"
    ):
        geometries_by_code(data, "communes")


def test_missing_code_names_the_geometry_index():
    geometries = [polygon("A", [0, 1]), {"type": "Polygon", "arcs": [[0, 1]], "properties": {"name": "B"}}]
    with pytest.raises(ValueError, match="geometry 1 of object 'areas' has no 'nis' property"):
        geometries_by_code(topology(geometries, SQUARE_ARCS), "areas")
    geometries[1].pop("properties")
    with pytest.raises(ValueError, match="geometry 1 .* no 'nis' property"):
        geometries_by_code(topology(geometries, SQUARE_ARCS), "areas")


def test_malformed_topologies_raise_value_error():
    with pytest.raises(ValueError, match="repeats the 'nis' code 'A'"):
        geometries_by_code(topology([polygon("A", [0, 1]), polygon("A", [0, 1])], SQUARE_ARCS), "areas")
    with pytest.raises(ValueError, match="arc index 5 is out of range"):
        geometries_by_code(topology([polygon("A", [0, 5])], SQUARE_ARCS), "areas")
    with pytest.raises(ValueError, match="unknown geometry type 'Circle'"):
        geometries_by_code(topology([{"type": "Circle", "properties": {"nis": "C"}}], []), "areas")
    with pytest.raises(ValueError, match="has no 'arcs' member"):
        geometries_by_code(topology([{"type": "Polygon", "properties": {"nis": "C"}}], []), "areas")
    with pytest.raises(ValueError, match='no "objects"'):
        geometries_by_code({"type": "Topology"}, "areas")
    with pytest.raises(ValueError, match="transform"):
        geometries_by_code(topology([polygon("A", [0, 1])], SQUARE_ARCS, {"scale": [1, 1]}), "areas")


def test_bbox_of_empty_geometry_is_refused():
    with pytest.raises(ValueError, match="no positions"):
        bbox({"type": "GeometryCollection", "geometries": []})


# --- The real Belgian boundaries (bmesuere/belgium-topojson, 2019 geography) -------------------------


@pytest.fixture(scope="module")
def belgium() -> dict:
    from pli.tests.prepared_database import data_dir

    folder = data_dir()
    if folder is None or not (folder / BOUNDARIES).is_file():
        pytest.skip(f"the real {BOUNDARIES} is absent (PLI_DATA_DIR); the hand-made topologies still run")
    return json.loads((folder / BOUNDARIES).read_text(encoding="utf-8"))


def rings(geometry: dict) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return geometry["coordinates"]
    return [ring for polygon in geometry["coordinates"] for ring in polygon]


def test_real_municipalities(belgium):
    communes = geometries_by_code(belgium, "municipalities")
    assert len(communes) == 581
    assert all(len(code) == 5 and code.isdigit() for code in communes)
    namur_province = [code for code in communes if code.startswith("9")]
    assert len(namur_province) == 38
    west, south, east, north = bbox(communes["92094"])  # Namur
    assert 4.7 <= west < east <= 5.0
    assert 50.35 <= south < north <= 50.55
    for code, geometry in communes.items():
        assert geometry["type"] in ("Polygon", "MultiPolygon"), code
        for ring in rings(geometry):
            assert len(ring) >= 4, code
            assert ring[0] == ring[-1], code
            assert all(2.5 <= lon <= 6.5 and 49.4 <= lat <= 51.6 for lon, lat in ring), code
            assert all(round(value, 5) == value for point in ring for value in point), code


def test_real_arrondissements_and_provinces(belgium):
    assert len(geometries_by_code(belgium, "arrondissements")) == 43
    # The Brussels-Capital Region stands among the provinces with only `reg_nis`, no `nis`.
    with pytest.raises(ValueError, match="geometry 0 of object 'provinces' has no 'nis' property"):
        geometries_by_code(belgium, "provinces")
    patched = copy.deepcopy(belgium)
    for geometry in patched["objects"]["provinces"]["geometries"]:
        geometry["properties"].setdefault("nis", geometry["properties"]["reg_nis"])
    provinces = geometries_by_code(patched, "provinces")
    assert len(provinces) == 11
    assert "04000" in provinces and "90000" in provinces
    west, south, east, north = bbox(provinces["90000"])  # Province de Namur
    assert 4.2 < west < east < 5.5 and 49.7 < south < north < 50.7
