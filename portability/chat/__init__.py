"""Chat exports read and measured: plain Python, no Django and no app imports.

``parse`` turns a WhatsApp or Telegram export into messages; ``figures`` measures them
as shared/CHAT-IMPORT.md defines. Both can be timed and tested on their own.
"""
