"""Registration of citizens and organisations, with email or phone verification (POR-n).

What an unverified account can do: sign in, read the portal, look dossiers up, prepare and save
drafts, and verify its email or phone. It cannot submit a dossier (`User.can_submit_dossiers`,
checked in the dossier submission service).
"""
