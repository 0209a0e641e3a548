from django.middleware.gzip import GZipMiddleware


class PublicGZipMiddleware(GZipMiddleware):
    """Compress public pages; admin pages carry CSRF tokens, so they stay uncompressed (BREACH)."""

    def process_response(self, request, response):
        if request.path.startswith("/admin/"):
            return response
        return super().process_response(request, response)
