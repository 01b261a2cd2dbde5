package dev.invokerguard.spring.test.mvcslice;

import dev.invokerguard.identity.Caller;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A user's application as a slice test sees it: one controller. */
@SpringBootApplication
public class SliceApplication {

  @RestController
  public static class OrdersController {
    @GetMapping("/private/orders")
    String orders(Caller caller) {
      return "orders of " + caller.principal();
    }
  }
}
