package dev.taxiplatform.transform.jinja;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The stack of macro calls being evaluated in one render, so that {@code return(value)} can hand
 * its value to the innermost macro. The first {@code return} of a call wins, as in dbt where it
 * ends the macro.
 */
final class ReturnFrames {
  static final String CONTEXT_KEY = "__taxi_return_frames__";

  /** One macro call. */
  static final class Frame {
    private boolean returned;
    private Object value;

    boolean returned() {
      return returned;
    }

    Object value() {
      return value;
    }

    void set(Object value) {
      if (!returned) {
        this.returned = true;
        this.value = value;
      }
    }
  }

  private final Deque<Frame> frames = new ArrayDeque<>();

  static ReturnFrames current() {
    JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
    Object frames = interpreter == null ? null : interpreter.getContext().get(CONTEXT_KEY);
    if (frames instanceof ReturnFrames returnFrames) {
      return returnFrames;
    }
    throw new IllegalStateException("return() called outside a render of the engine");
  }

  Frame push() {
    Frame frame = new Frame();
    frames.push(frame);
    return frame;
  }

  void pop(Frame frame) {
    if (frames.peek() == frame) {
      frames.pop();
    }
  }

  /** Records {@code value} as the result of the innermost macro call. */
  void returnValue(Object value) {
    Frame frame = frames.peek();
    if (frame == null) {
      throw new IllegalStateException("return() is only allowed inside a macro");
    }
    frame.set(value);
  }
}
