from django.core.management.base import BaseCommand

from addons.analytics.services import access_log_maintain


class Command(BaseCommand):
    help = "Erase client addresses older than ACCESS_LOG_ADDRESS_DAYS and refresh daily counts."

    def add_arguments(self, parser):
        parser.add_argument("--days-back", type=int, default=2, help="Past days to recompute.")

    def handle(self, *args, days_back: int, **options):
        result = access_log_maintain(days_back=days_back)
        self.stdout.write(
            f"addresses erased: {result['addresses_erased']}, days computed: {result['days_computed']}"
        )
