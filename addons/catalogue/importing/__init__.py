"""Import of the national catalogue of administrative procedures (Cơ sở dữ liệu quốc gia về thủ tục
hành chính) from a folder in the format of the National Public Service Portal's API (DVCQG)."""

from .services import ImportReport, catalogue_import
from .source import CatalogueImportError

__all__ = ["CatalogueImportError", "ImportReport", "catalogue_import"]
