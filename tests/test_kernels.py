"""Pieces of the kernel pool that need no kernel."""
from sjzforecast.render import stable_svg_ids


def test_svg_ids_are_numbered_from_one_in_order_of_appearance():
    svg = ('<clipPath id="clip17"/><g clip-path="url(#clip17)"/><clipPath id="clip9"/>'
           '<g clip-path="url(#clip9)"/><linearGradient id="gradient_4"/><text>2026</text>')
    assert stable_svg_ids(svg) == ('<clipPath id="clip1"/><g clip-path="url(#clip1)"/><clipPath id="clip2"/>'
                                   '<g clip-path="url(#clip2)"/><linearGradient id="gradient_1"/>'
                                   '<text>2026</text>')
    assert stable_svg_ids(stable_svg_ids(svg)) == stable_svg_ids(svg)
