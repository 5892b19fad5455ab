package test;

import dev.weft.Task;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.annotation.processing.Generated;

@Generated("dev.weft.processor.WeftProcessor")
public final class DaoOffload {
  private final Dao delegate;

  public DaoOffload(Dao delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  public Task<String> find(int id) {
    return Task.blocking(() -> this.delegate.find(id));
  }

  public Task<Integer> count() {
    return Task.blocking(() -> this.delegate.count());
  }

  public Task<Void> delete(int id, String... reasons) {
    return Task.blocking(() -> {
      this.delegate.delete(id, reasons);
      return null;
    });
  }

  public Task<List<String>> names(Map<String, ? extends Number> filter) {
    return Task.blocking(() -> this.delegate.names(filter));
  }

  public Task<Void> close() {
    return Task.blocking(() -> {
      this.delegate.close();
      return null;
    });
  }
}
