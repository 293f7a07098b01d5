"""The citizen's notification settings (POR-đ): which channels, which language."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from addons.dossiers.portal.views.access import citizen_required

from . import services
from .forms import PreferenceForm


@citizen_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    current = services.preference_for(request.user)
    form = PreferenceForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.preference_update(
            user=request.user,
            email=data["email"],
            sms=data.get("sms", current.sms),
            language=data["language"],
        )
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
