from django import template
from django.contrib.auth.models import AbstractBaseUser
from django.utils.safestring import SafeString

from core import pages
from core.markup import render_markdown
from core.models import CodeItem
from core.roles import person_name

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    """Render user Markdown safely: `{{ norm.text|markdown }}`."""
    return render_markdown(text)


@register.filter
def url_name(item: CodeItem, action: str) -> str:
    """The URL name of an action on an item: `{% url item|url_name:"edit" item.key %}`."""
    return f"{item.url_name_prefix}{action}"


@register.filter
def model_name(item: CodeItem) -> str:
    return item._meta.model_name


@register.filter
def model_label(item: CodeItem) -> str:
    return str(item._meta.verbose_name).capitalize()


@register.filter
def person(user: AbstractBaseUser | None) -> str:
    """A person as the interface shows one (full name when known): `{{ p.proposer|person }}`."""
    return person_name(user)


@register.simple_tag
def page_url(name: str, *args) -> str:
    """A page a higher app provides (core.pages): `{% page_url "version" 3 %}`, or the
    landing page (the working draft) with `{% page_url "landing" %}`."""
    return pages.page_url(name, *args)
