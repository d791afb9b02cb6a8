package io.github.servermanager.actuate;

/**
 * One server of an aperture.
 *
 * @param server the server's key: its instance id, else {@code host:port}
 * @param share the fraction of the requests it takes; the shares of an aperture sum to 1
 */
public record ShareDescriptor(String server, double share) {

}
