"""The synonyms citizens use most, as a start for the editors' list (they maintain it in the admin)."""

from django.db import migrations

SEED = [
    ("sổ đỏ, sổ hồng, giấy chứng nhận quyền sử dụng đất", "land use right certificate"),
    ("QSDĐ, quyền sử dụng đất", "abbreviation"),
    ("GCN, giấy chứng nhận", "abbreviation"),
    ("GPLX, bằng lái xe, bằng lái, giấy phép lái xe", "driving licence"),
    (
        "CCCD, căn cước công dân, CMND, chứng minh nhân dân, chứng minh thư, thẻ căn cước",
        "identity card",
    ),
    ("hộ khẩu, thường trú", "permanent residence"),
    ("nhập hộ khẩu, đăng ký thường trú", "permanent residence"),
    ("cắt hộ khẩu, cắt khẩu, xóa hộ khẩu, xóa đăng ký thường trú", "permanent residence"),
    ("tách hộ khẩu, tách khẩu, tách hộ", "household"),
    ("KT3, tạm trú", "temporary residence"),
    ("ĐKKD, đăng ký kinh doanh", "abbreviation"),
    ("GPKD, giấy phép kinh doanh", "abbreviation"),
    ("hộ cá thể, hộ kinh doanh cá thể, hộ kinh doanh", "household business"),
    ("LLTP, lý lịch tư pháp", "criminal record"),
    ("BHXH, bảo hiểm xã hội", "abbreviation"),
    ("BHYT, bảo hiểm y tế", "abbreviation"),
    ("BHTN, bảo hiểm thất nghiệp, trợ cấp thất nghiệp", "unemployment benefit"),
    ("GPXD, giấy phép xây dựng", "abbreviation"),
    ("PCCC, phòng cháy chữa cháy", "abbreviation"),
    ("TNHH, trách nhiệm hữu hạn", "abbreviation"),
    ("visa, thị thực", "foreign word"),
    ("passport, hộ chiếu", "foreign word"),
    ("giấy chứng tử, chứng tử, báo tử, khai tử", "death registration"),
    ("độc thân, tình trạng hôn nhân", "civil status"),
    ("giấy khai sinh, khai sinh", "birth registration"),
    ("nhận con nuôi, nuôi con nuôi", "adoption"),
    ("đổi tên, sửa tên, đổi họ tên, cải chính", "change of civil status data"),
    ("cưới, kết hôn", "marriage"),
    ("ly dị, ly hôn", "divorce"),
    ("lãnh, lĩnh, hưởng", "receive a benefit"),
    ("sao y, sao y bản chính, chứng thực bản sao, chứng thực bản sao từ bản chính", "copies"),
    ("xe máy, xe mô tô, mô tô, xe gắn máy", "vehicles"),
    ("ô tô, xe hơi", "vehicles"),
    # Spellings that both stand (i/y after a consonant).
    ("kí, ký", "spelling"),
    ("lí, lý", "spelling"),
    ("kĩ, kỹ", "spelling"),
    ("mĩ, mỹ", "spelling"),
    ("qui, quy", "spelling"),
    ("sĩ, sỹ", "spelling"),
    ("tỉ, tỷ", "spelling"),
]


def seed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for phrases, note in SEED:
        Synonym.objects.get_or_create(phrases=phrases, defaults={"note": note})


def unseed(apps, schema_editor):
    apps.get_model("search", "Synonym").objects.filter(phrases__in=[p for p, _ in SEED]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0002_text_indexes")]

    operations = [migrations.RunPython(seed, unseed)]
