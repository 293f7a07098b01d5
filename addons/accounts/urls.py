from django.urls import path

from . import password, views
from .registration import views as registration

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("otp/", views.otp_verify, name="otp_verify"),
    path("otp/enrol/", views.otp_enrol, name="otp_enrol"),
    path("password/reset/", password.password_reset, name="password_reset"),
    path("password/reset/sent/", password.password_reset_sent, name="password_reset_sent"),
    path(
        "password/reset/<uidb64>/<token>/",
        password.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        password.password_reset_complete,
        name="password_reset_complete",
    ),
    path("password/change/", password.password_change, name="password_change"),
    path("register/", registration.register, name="register"),
    path("verify/", registration.verify, name="verify"),
    path("verify/<int:verification_id>/<str:token>/", registration.verify_link, name="verify_link"),
]
