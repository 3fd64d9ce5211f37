package dev.ddbbackup.core.notify;

/** Sends operator notifications; success and failure go to separate destinations. */
public interface Notifier {

    void success(Notification n);

    void failure(Notification n);

    /** Sends nothing: for runs without topics configured. */
    static Notifier none() {
        return new Notifier() {
            @Override
            public void success(Notification n) {}

            @Override
            public void failure(Notification n) {}
        };
    }
}
