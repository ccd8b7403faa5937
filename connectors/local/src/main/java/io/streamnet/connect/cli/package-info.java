/**
 * Command-line entry points of the connectors' CLI jar ({@code target/streamnet-connectors-cli.jar}):
 * {@code streamnet replay} ({@link io.streamnet.connect.cli.ReplayCommand}).
 */
package io.streamnet.connect.cli;
