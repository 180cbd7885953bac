from accounts import history, twofactor


def cards(request):
    user = request.user
    cards = [
        {
            "order": 900,
            "template": "accounts/_account_card.html",
            "context": {
                "has_2fa": twofactor.has_2fa(user),
                "backup_codes_left": twofactor.remaining_backup_codes(user),
            },
        }
    ]
    if history.may_read_journal(user):
        latest = [history.entry(event) for event in history.journal()[:5]]
        cards.append({"order": 910, "template": "accounts/_journal_card.html", "context": {"latest": latest}})
    return cards
