import zipfile

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_safe

from knowvember.cache import cached_page
from knowvember.documents import FORMATS, as_protected_download, protected_file_response
from knowvember.middleware import permissions_policy
from showcases.files import MAX_PACK_ZIP_BYTES
from showcases.forms import ShowcaseFilterForm
from showcases.models import NOCOOKIE_ORIGIN, DelegatePackItem, Showcase

PAGE_SIZE = 30


@require_safe
@cached_page
def showcase_list(request):
    """Published sessions, grouped by edition, with filters that work without JavaScript."""
    filters = ShowcaseFilterForm(request.GET)
    showcases = filters.filter(Showcase.objects.for_list())
    page_obj = Paginator(showcases, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "showcases/list.html",
        {"filters": filters, "page_obj": page_obj, "showcases": page_obj.object_list},
        status=filters.status_code,
    )


def _visible_showcase(request, slug, *related):
    queryset = Showcase.objects.visible_to(request.user).select_related("campaign", *related)
    return get_object_or_404(queryset, slug=slug)


def _player_csp():
    """The site's policy plus frame-src for the privacy-enhanced player, for this page only."""
    return {**settings.SECURE_CSP, "frame-src": [NOCOOKIE_ORIGIN]}


@require_safe
@cached_page
def showcase_detail(request, slug):
    """A session: speakers, programme, recording (consent first), transcript, pack, takeaways."""
    showcase = _visible_showcase(request, slug, "recording")
    recording = getattr(showcase, "recording", None)
    speakers = list(showcase.session_speakers.select_related("speaker"))
    pack_items = list(showcase.pack_items.all())
    takeaways = list(showcase.takeaways.select_related("activity"))
    pack_files = [item for item in pack_items if item.is_file]
    context = {
        "showcase": showcase,
        "recording": recording,
        # ?play=1 is the no-JavaScript "play" button: the visitor asked for the player.
        "play": bool(recording and recording.has_video) and request.GET.get("play") == "1",
        "chairs": [s for s in speakers if s.is_chair],
        "speakers": [s for s in speakers if not s.is_chair],
        "pack_items": pack_items,
        "pack_zip": bool(pack_files) and _pack_total(pack_files) <= MAX_PACK_ZIP_BYTES,
        "takeaways": takeaways,
        "is_preview": not showcase.is_published,
    }
    if recording and recording.has_video:
        response = csp_override(_player_csp())(render)(request, "showcases/detail.html", context)
        response["Permissions-Policy"] = permissions_policy(player_origin=NOCOOKIE_ORIGIN)
    else:
        response = render(request, "showcases/detail.html", context)
    if not showcase.is_published:
        add_never_cache_headers(response)
    return response


def _pack_total(items):
    return sum(item.file_size or 0 for item in items)


_attachment = as_protected_download


@require_safe
def pack_item_download(request, slug, pk):
    """One pack file, always as an attachment with the content type of its checked format."""
    showcase = _visible_showcase(request, slug)
    item = get_object_or_404(DelegatePackItem, showcase=showcase, pk=pk)
    fmt = FORMATS.get(item.file_format)
    if not item.file or fmt is None:
        raise Http404("This pack item is a link, not a file.")
    return protected_file_response(
        item.file, filename=item.download_name, content_type=fmt.content_type
    )


@require_safe
def transcript_download(request, slug):
    """The uploaded transcript file of a recording, as an attachment."""
    showcase = _visible_showcase(request, slug, "recording")
    recording = getattr(showcase, "recording", None)
    fmt = FORMATS.get(recording.transcript_format) if recording else None
    if not recording or not recording.transcript_file or fmt is None:
        raise Http404("This recording has no transcript file.")
    filename = f"{showcase.slug}-transcript.{fmt.extension}"
    return protected_file_response(
        recording.transcript_file, filename=filename, content_type=fmt.content_type
    )


class _ZipSink:
    """A write-only stream that hands zipfile's output to the response as it is made."""

    def __init__(self):
        self.chunks = []

    def write(self, data):
        self.chunks.append(bytes(data))
        return len(data)

    def flush(self):
        pass

    def take(self):
        chunks, self.chunks = self.chunks, []
        return b"".join(chunks)


def _stream_pack(showcase, items, links):
    sink = _ZipSink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for item in items:
            try:
                source = item.file.open("rb")
            except FileNotFoundError:
                continue
            with source, archive.open(item.download_name, "w") as target:
                while chunk := source.read(64 * 1024):
                    target.write(chunk)
                    yield sink.take()
        if links:
            lines = [f"{showcase.label}: {showcase.title}", "", "Links in this delegate pack:"]
            lines += [f"- {item.title}: {item.link}" for item in links]
            archive.writestr("links.txt", "\n".join(lines) + "\n")
    yield sink.take()


@require_safe
def pack_zip(request, slug):
    """The whole delegate pack as one zip, built and streamed on the fly (size bounded)."""
    showcase = _visible_showcase(request, slug)
    items = list(showcase.pack_items.all())
    files = [item for item in items if item.file and item.file_format in FORMATS]
    links = [item for item in items if not item.file and item.link]
    if not files or _pack_total(files) > MAX_PACK_ZIP_BYTES:
        raise Http404("This delegate pack has no files to download together.")
    filename = f"{showcase.slug}-delegate-pack.zip"
    response = StreamingHttpResponse(
        _stream_pack(showcase, files, links), content_type="application/zip"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return _attachment(response)
