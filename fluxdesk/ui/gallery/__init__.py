"""The gallery: the library as a grid of thumbnails, paged, searched, filtered."""
