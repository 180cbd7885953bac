"""French figures as French typography writes them (Django's fr module has the wider U+00A0): the
thousands are grouped by a narrow no-break space, 487 145, as in `Intl.NumberFormat("fr-BE")` of the
charts. Every other format comes from Django's fr module."""

THOUSAND_SEPARATOR = "\u202f"
