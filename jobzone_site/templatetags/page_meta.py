"""{% capture %}: render part of a template once and use the text several times.

base.html captures the page's {% block title %} and {% block description %} (each page fills them once)
and writes the results into <title>, the description, Open Graph and Twitter tags. Django allows a block
only once per template, and {{ self.title }} is Jinja, not Django: it renders as an empty string.
Blocks inside {% capture %} are still overridden by child templates, as blocks inside {% with %} are.

Registered as a template library in settings.TEMPLATES (jobzone_site is not an installed app).
"""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


class CaptureNode(template.Node):
    def __init__(self, nodelist, name: str):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        # The nodes have already escaped what they rendered; runs of white space become one space.
        context[self.name] = mark_safe(" ".join(self.nodelist.render(context).split()))
        return ""


@register.tag
def capture(parser, token):
    """{% capture page_title %}…{% endcapture %} sets page_title for the rest of the template."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("Use {% capture name %}…{% endcapture %}.")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[1])
