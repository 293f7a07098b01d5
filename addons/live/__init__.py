"""Live status exchange with applicants: the outbox, its dispatcher, websockets (POR-đ, GEN-4)."""
