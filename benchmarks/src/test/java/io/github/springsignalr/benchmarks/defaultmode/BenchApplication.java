package io.github.springsignalr.benchmarks.defaultmode;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The application under measurement: the starter's auto-configuration and {@link EchoHub}, nothing else.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(EchoHub.class)
public class BenchApplication {

}
