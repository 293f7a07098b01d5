import datetime

import factory
from django.utils import timezone

from pages.factories import PageFactory

from .models import (
    Agency,
    DocumentGroup,
    DocumentItem,
    Field,
    LegalDocument,
    Procedure,
    ProcedureAgency,
    ProcedureCase,
    ProcedureChannel,
    ProcedureIndexPage,
    ProcedurePage,
    ResultType,
    SubjectType,
)


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Sở thử nghiệm {n}")
    identifier = factory.Sequence(lambda n: f"000.00.{n % 100:02d}.H{n // 100 % 100:02d}")
    kind = Agency.Kind.DEPARTMENT


class UnitFactory(AgencyFactory):
    name = factory.Sequence(lambda n: f"Phòng thử nghiệm {n}")
    identifier = ""
    kind = Agency.Kind.UNIT
    parent = factory.SubFactory(AgencyFactory)


class FieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Field
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"G99-TN{n:02d}")
    name = factory.Sequence(lambda n: f"Lĩnh vực thử nghiệm {n}")


class SubjectTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubjectType
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"ĐT{n + 10}")
    name = factory.Sequence(lambda n: f"Đối tượng {n}")


class ResultTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResultType

    code = factory.Sequence(lambda n: f"KQ.TN.{n:06d}")
    name = factory.Sequence(lambda n: f"Giấy chứng nhận {n}")


class LegalDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalDocument

    code = factory.Sequence(lambda n: f"Nghị định số {n}/2025/NĐ-CP")
    name = factory.LazyAttribute(lambda o: f"{o.code} của Chính phủ")


class ProcedureFactory(factory.django.DjangoModelFactory):
    """A full procedure record with one channel per method, a case and a document group."""

    class Meta:
        model = Procedure
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"9.{n:06d}")
    name = factory.Sequence(lambda n: f"Thủ tục thử nghiệm {n}")
    description = "Mô tả thủ tục."
    completeness = Procedure.Completeness.FULL
    field = factory.SubFactory(FieldFactory)
    level_province = True
    online_service = Procedure.OnlineService.PARTIAL
    has_online = True
    has_direct = True
    steps = factory.LazyFunction(lambda: [{"name": "Bước 1", "description": "Nộp hồ sơ."}])
    source_updated_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=30))

    @factory.post_generation
    def parts(self, create, extracted, **kwargs):
        if not create:
            return
        self.fields.add(self.field)
        agency = kwargs.get("agency") or AgencyFactory()
        ProcedureAgency.objects.create(
            procedure=self, agency=agency, role=ProcedureAgency.Role.EXECUTING
        )
        for order, method in enumerate(self.channels_offered):
            ProcedureChannel.objects.create(
                procedure=self,
                method=method,
                processing_time=5,
                time_unit="WORKING_DAY",
                fees=[{"type": "FEE", "value": 50000, "description": "Lệ phí"}],
                order=order,
            )
        ProcedureCase.objects.create(
            procedure=self,
            name="Trường hợp thông thường",
            processing_time=5,
            time_unit="WORKING_DAY",
        )
        group = DocumentGroup.objects.create(procedure=self, name="Giấy tờ phải nộp")
        DocumentItem.objects.create(
            group=group, name="Tờ khai", original_qty=1, copy_qty=0, has_electronic_form=True
        )
        DocumentItem.objects.create(
            group=group, name="Bản sao giấy tờ tùy thân", original_qty=0, copy_qty=1, order=1
        )
        self.subject_types.add(kwargs.get("subject") or SubjectTypeFactory())
        self.results.add(ResultTypeFactory())
        self.legal_bases.add(LegalDocumentFactory())


class ProcedureIndexPageFactory(PageFactory):
    class Meta:
        model = ProcedureIndexPage

    title = "Thủ tục hành chính"
    slug = "thu-tuc-hanh-chinh"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """There is one catalogue (max_count = 1): reuse it when it exists."""
        existing = ProcedureIndexPage.objects.first()
        return existing or super()._create(model_class, *args, **kwargs)


class ProcedurePageFactory(PageFactory):
    class Meta:
        model = ProcedurePage

    procedure = factory.SubFactory(ProcedureFactory)
    title = factory.LazyAttribute(lambda o: o.procedure.name)
    slug = factory.LazyAttribute(lambda o: o.procedure.code.replace(".", "-"))

    @classmethod
    def default_parent(cls):
        return ProcedureIndexPageFactory()
