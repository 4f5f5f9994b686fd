"""Mail in tests: the outbox is driven by the test, where the task worker would run."""

from django.core import mail

from knowvember import outbox


def delivered_mail() -> list:
    """Send what the outbox has due (as the worker would), then return Django's test outbox.

    Tests run inside a transaction that never commits, so nothing is sent "after commit" by
    itself: a test calls this where the worker would have run.
    """
    outbox.send_due_email()
    return mail.outbox
