"""Who a code asks to read and confirm it, when that is not every employee: the units whose
people (those of their sub-units too) are its audience."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Code
from people.models import Unit


class AudienceUnit(models.Model):
    code = models.ForeignKey(Code, on_delete=models.CASCADE, related_name="audience_units")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("unit of the audience")
        verbose_name_plural = _("units of the audience")
        constraints = [models.UniqueConstraint(fields=["code", "unit"], name="audience_unit_once")]

    def __str__(self) -> str:
        return str(self.unit)
