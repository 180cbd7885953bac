from django.shortcuts import redirect
from django.urls import reverse

from accounts import twofactor

# Pages reachable by a logged-in user who still has to verify or to enrol a second factor.
ALLOWED_URL_NAMES = {"accounts:verify", "accounts:logout", "accounts:twofactor_setup"}


class TwoFactorMiddleware:
    """Sends a logged-in user to the second-factor step until it is done.

    A user with a confirmed device must enter a code after the password; an administrator or a
    coordinator without one must enrol one first when PLI_REQUIRE_2FA is on.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not self._exempt(request):
            if user.is_verified():
                pass
            elif twofactor.has_2fa(user, fresh=False):
                return redirect(f"{reverse('accounts:verify')}?next={request.get_full_path()}")
            elif user.must_use_2fa:
                return redirect("accounts:twofactor_setup")
        return self.get_response(request)

    @staticmethod
    def _exempt(request) -> bool:
        from django.conf import settings

        path = request.path_info
        if path.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return True
        match = getattr(request, "resolver_match", None)
        if match is None:
            from django.urls import Resolver404, resolve

            try:
                match = resolve(path)
            except Resolver404:
                return True
        return match.view_name in ALLOWED_URL_NAMES
