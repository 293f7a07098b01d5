"""Websocket consumers: authenticate, authorise, join groups and forward. No business rule here;
who may listen is decided by the selectors, what changed is fetched by the page (POR-đ)."""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from . import selectors
from .groups import agency_group, dossier_group, unit_group, user_group

FORBIDDEN = 4403  # the close code the page reads as "do not retry"


class GroupConsumer(AsyncJsonWebsocketConsumer):
    """Accepts when `authorised_groups` names some groups, then forwards their messages."""

    groups_joined: list[str]

    async def connect(self):
        self.groups_joined = []
        groups = await database_sync_to_async(self.authorised_groups)()
        if not groups:
            await self.close(code=FORBIDDEN)
            return
        for group in groups:
            await self.channel_layer.group_add(group, self.channel_name)
        self.groups_joined = groups
        await self.accept()

    async def disconnect(self, code):
        for group in self.groups_joined:
            await self.channel_layer.group_discard(group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        """The page only listens."""

    def authorised_groups(self) -> list[str]:
        raise NotImplementedError

    def _staff(self):
        return selectors.verified_staff(self.scope["user"], self.scope.get("session"))

    async def live_event(self, message):
        await self.send_json({key: value for key, value in message.items() if key != "type"})

    async def live_changed(self, message):
        await self.send_json({key: value for key, value in message.items() if key != "type"})


class ApplicantDossierConsumer(GroupConsumer):
    """The applicant's own dossier page."""

    def authorised_groups(self):
        uuid = self.scope["url_route"]["kwargs"]["uuid"]
        dossier = selectors.applicant_dossier(self.scope["user"], uuid)
        return [dossier_group(dossier.pk)] if dossier else []


class StaffDossierConsumer(GroupConsumer):
    """A dossier page of the back office, for staff who may open that dossier."""

    def authorised_groups(self):
        staff = self._staff()
        if staff is None:
            return []
        dossier = selectors.staff_dossier(staff, self.scope["url_route"]["kwargs"]["pk"])
        return [dossier_group(dossier.pk)] if dossier else []


class WorklistConsumer(GroupConsumer):
    """A staff member's worklists: their own dossiers, their unit's, the agency's for the desk."""

    def authorised_groups(self):
        staff = self._staff()
        if staff is None:
            return []
        groups = [user_group(staff.user.pk)]
        if staff.unit_id is not None:
            groups.append(unit_group(staff.unit_id))
        if staff.sees_whole_agency:
            groups.append(agency_group(staff.agency_id))
        return groups


class OverviewConsumer(GroupConsumer):
    """The leader's overview counters of the agency."""

    def authorised_groups(self):
        staff = self._staff()
        if staff is None or not staff.is_leader:
            return []
        return [agency_group(staff.agency_id)]
