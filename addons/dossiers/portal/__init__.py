"""The citizen's side of dossiers (POR-a, POR-d, POR-m, POR-q, POR-đ): apply online, follow, add
what was asked, withdraw, download results. Every write goes through `addons.dossiers.services`.
"""
