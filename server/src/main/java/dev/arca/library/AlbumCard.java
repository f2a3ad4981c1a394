package dev.arca.library;

/** An album on the albums page: the album and the address of its cover's thumbnail, or null. */
public record AlbumCard(Albums.Album album, String cover) {}
