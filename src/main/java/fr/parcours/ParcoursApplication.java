package fr.parcours;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The process application: one Camunda 7 engine with its webapps and REST API. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ParcoursApplication {

  public static void main(String[] args) {
    SpringApplication.run(ParcoursApplication.class, args);
  }
}
