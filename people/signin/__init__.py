"""Sign-in with the organisation's account over OpenID Connect (mozilla-django-oidc), accounts
made and updated from the identity provider's claims, and switching local passwords off."""
