"""Delegate-pack and transcript files: how we name them and how big a whole pack may be.

What we accept and where we keep them is the same for every uploaded document, in
`knowvember.documents`.
"""

from knowvember.documents import random_name

# "Download the whole pack" is built on the fly; past this total it is not offered.
MAX_PACK_ZIP_BYTES = 100 * 1024 * 1024


def random_pack_name(instance, filename):
    return random_name("packs")


def random_transcript_name(instance, filename):
    return random_name("transcripts")
