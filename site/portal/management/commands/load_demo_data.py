from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from portal import demo


class Command(BaseCommand):
    help = (
        "Build a usable demo site: pages, an agency with units, the demo procedure catalogue, "
        "one account per role. Safe to rerun."
    )

    def handle(self, *args, **options):
        demo.load_site()
        agency, units = demo.load_agencies()
        catalogue = demo.load_catalogue()
        self.stdout.write(_("Catalogue: %(counts)s.") % {"counts": catalogue.counts()})
        accounts = demo.load_accounts(agency, units)
        dossiers = demo.load_dossiers(agency, units)
        self.stdout.write(_("Dossiers: %(count)s created.") % {"count": dossiers})
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self.stdout.write(f"Password of every demo account: {demo.DEMO_PASSWORD}")
        self.stdout.write(
            "Staff sign in at /admin/ and then enter a code from the authenticator app"
        )
        self.stdout.write(
            "(add the TOTP key below to any authenticator app) or one of the backup codes."
        )
        for account in accounts:
            line = f"  {account.username:<12} {account.role}"
            if account.totp_secret:
                line += f"\n      TOTP key: {account.totp_secret}   backup codes: {', '.join(account.backup_codes)}"
            self.stdout.write(line)
