"""Background tasks of the foundation: sending messages without holding up a request."""

from django.tasks import task

from joud.core.messaging import send_email, send_sms


@task(queue_name="default")
def send_sms_task(*, to: str, body: str) -> None:
    send_sms(to=to, body=body)


@task(queue_name="default")
def send_email_task(*, to: str, subject: str, body: str, html_body: str = "") -> None:
    send_email(to=to, subject=subject, body=body, html_body=html_body)
