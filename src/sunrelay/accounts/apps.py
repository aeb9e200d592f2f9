from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sunrelay.accounts"
    label = "accounts"
