/** Request and response records of the REST API and its problem types, shared by client and server. */
package dev.arca.protocol.api;
