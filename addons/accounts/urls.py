from django.urls import path

from . import views
from .registration import views as registration

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("otp/", views.otp_verify, name="otp_verify"),
    path("otp/enrol/", views.otp_enrol, name="otp_enrol"),
    path("register/", registration.register, name="register"),
    path("verify/", registration.verify, name="verify"),
    path("verify/<int:verification_id>/<str:token>/", registration.verify_link, name="verify_link"),
]
