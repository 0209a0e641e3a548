"""schema.org data for search engines, the same shape for roles and careers."""


def occupation(request, item, name: str, description: str, **extra) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "Occupation",
        "name": name,
        "description": description,
        "occupationLocation": {"@type": "Country", "name": "United Kingdom"},
        "url": request.build_absolute_uri(item.get_absolute_url()),
        **extra,
    }
