package fr.parcours.web;

import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Answers a {@link Refusal} thrown by a controller of {@code /api}: its status and its JSON body. */
@RestControllerAdvice
public class RefusalAdvice {

  @ExceptionHandler(Refusal.class)
  ResponseEntity<Map<String, Object>> refused(Refusal refused) {
    return ResponseEntity.status(refused.status()).contentType(MediaType.APPLICATION_JSON).body(refused.body());
  }
}
