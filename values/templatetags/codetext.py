from django import template
from django.utils.safestring import SafeString

from values.markup import render_markdown, word_diff
from values.models import CodeItem

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    """Render user Markdown safely: `{{ norm.text|markdown }}`."""
    return render_markdown(text)


@register.simple_tag
def diff_words(old: str, new: str) -> SafeString:
    """Word-level comparison: `{% diff_words old new %}`."""
    return word_diff(old, new)


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
