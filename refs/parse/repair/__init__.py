"""The repairs of the model's typical mistakes, made while :mod:`refs.parse.assemble` builds a record.

Grouped by what they mend: :mod:`.names` (the authors' and editors' spans), :mod:`.titles` (the
title, the container, the collection), :mod:`.journals` (a journal's name and its numbers),
:mod:`.numbers` (volume, issue, pages, date), :mod:`.places` (publisher and place); with
:mod:`.spans` (the spans grouped by label) and :mod:`.text` (a span's text made a value) that
they all use. :func:`refs.parse.assemble.build` calls them in their order.
"""
