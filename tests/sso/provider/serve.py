"""Start the test OpenID provider: `python -m tests.sso.provider.serve DIR PORT`.

DIR holds people.json ({username: {password, email, email_verified, groups}}) and
client.json ({client_id, client_secret, redirect_uris, post_logout_redirect_uris}); an RS256
key is generated here at each start. Prints READY when it answers.
"""

import json
import os
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


def write_key(directory: Path) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    (directory / "key.pem").write_bytes(pem)


def load(directory: Path) -> None:
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0)
    for username, who in json.loads((directory / "people.json").read_text()).items():
        user, _ = User.objects.get_or_create(username=username)
        user.set_password(who["password"])
        user.save()
    client = json.loads((directory / "client.json").read_text())
    Application.objects.filter(client_id=client["client_id"]).delete()
    Application.objects.create(
        name="Sunrelay",
        client_id=client["client_id"],
        client_secret=client["client_secret"],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(client["redirect_uris"]),
        post_logout_redirect_uris=" ".join(client["post_logout_redirect_uris"]),
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )


def main() -> None:
    directory, port = Path(sys.argv[1]), int(sys.argv[2])
    write_key(directory)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="tests.sso.provider.settings",
        PROVIDER_DIR=str(directory),
        PROVIDER_PORT=str(port),
    )
    import django

    django.setup()
    load(directory)
    from django.core.wsgi import get_wsgi_application
    from waitress.server import create_server

    server = create_server(get_wsgi_application(), host="127.0.0.1", port=port, threads=4)
    print("READY", flush=True)
    server.run()


if __name__ == "__main__":
    main()
