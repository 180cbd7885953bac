from accounts import twofactor


def cards(request):
    user = request.user
    return [
        {
            "order": 900,
            "template": "accounts/_account_card.html",
            "context": {
                "has_2fa": twofactor.has_2fa(user),
                "backup_codes_left": twofactor.remaining_backup_codes(user),
            },
        }
    ]
