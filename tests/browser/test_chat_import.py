"""Importing a chat in Chromium: upload the iOS zip, say which one is you, confirm, and
find the sentences and the four charts on the person's page, with no axe violation."""

from playwright.sync_api import expect

from journal.models import ChatConversation
from tests import chat_fixtures as fx
from tests.browser.conftest import axe_check, go, log_in, screenshot, settle


def test_a_chat_goes_from_upload_to_the_persons_page(make_page, alice):
    page, watch = make_page()
    log_in(page)
    go(page, "/accounts/settings/")
    page.get_by_role("link", name="Import a WhatsApp or Telegram chat").click()
    settle(page)
    axe_check(page, "chat upload")
    page.get_by_label("Your chat export").set_input_files(
        files=[
            {
                "name": "WhatsApp Chat - Rafael.zip",
                "mimeType": "application/zip",
                "buffer": fx.ios_zip(),
            }
        ]
    )
    page.get_by_label("Or someone new").fill("Rafael")
    page.get_by_role("button", name="Preview").click()

    expect(page.get_by_role("heading", name="Check before importing")).to_be_visible()
    expect(page.get_by_role("group", name="Which one is you?")).to_be_visible()
    expect(page.get_by_text("from 5 January 2026 to 15 January 2026")).to_be_visible()
    axe_check(page, "chat preview, nobody picked")
    page.get_by_label(fx.ME, exact=True).check()
    page.get_by_role("button", name="Show the figures for this choice").click()
    expect(page.get_by_role("table", name="The whole chat, you and Rafael")).to_be_visible()
    axe_check(page, "chat preview with figures")
    screenshot(page, "chat-preview", full_page=True)
    page.get_by_role("button", name="Import 8 conversations").click()

    expect(page.get_by_role("heading", name="From your chats")).to_be_visible()
    expect(page.get_by_text("Imported 8 conversations from the chat.")).to_be_visible()
    expect(
        page.get_by_text("Over two weeks you started 5 of 8 conversations with Rafael.")
    ).to_be_visible()
    for key in ("chat-started", "chat-messages", "chat-replies", "chat-late"):
        expect(page.locator(f"#{key} .main-svg").first).to_be_attached()
    settle(page)
    axe_check(page, "person page with chats")
    page.get_by_role("heading", name="From your chats").scroll_into_view_if_needed()
    screenshot(page, "person-chats", full_page=True)
    assert ChatConversation.objects.filter(interaction__user=alice).count() == 8
    assert watch.problems == []
