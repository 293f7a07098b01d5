"""Access logs and statistics (POR-o): visits, daily counts, top pages; addresses kept briefly."""
