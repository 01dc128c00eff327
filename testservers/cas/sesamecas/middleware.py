import logging

logger = logging.getLogger("sesamecas.access")


def access_log(get_response):
    """One line per request in target/cas.log: method, path and query, status."""

    def middleware(request):
        response = get_response(request)
        logger.info("%s %s %s", request.method, request.get_full_path(), response.status_code)
        return response

    return middleware
