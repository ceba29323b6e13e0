package io.github.springsignalr.samples.chat;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The sample's own settings.
 *
 * @param sendThroughUpstream whether the page sends its messages as hub invocations ({@code connection.invoke("send",
 * …)}) that the service posts upstream to {@link ChatHub}, rather than as {@code POST /api/messages}; in local mode
 * the emulator's upstream is then pointed at this application
 */
@ConfigurationProperties("chat")
record ChatProperties(boolean sendThroughUpstream) {

}
