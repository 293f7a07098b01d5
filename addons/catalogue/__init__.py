"""The procedure catalogue and the shared electronic catalogues (danh mục dùng chung)."""
