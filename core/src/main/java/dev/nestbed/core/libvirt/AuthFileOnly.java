package dev.nestbed.core.libvirt;

import org.libvirt.ConnectAuth;

/**
 * What nestbed answers when a daemon asks for a user name and password: nothing itself; libvirt
 * takes them from the file the URI names ({@code authfile=}, libvirt's auth.conf format) before it
 * would ask. libvirt-java's own answers cannot be used: it hands libvirt strings whose memory JNA
 * owns, libvirt frees them after the login, and JNA frees them again later (a double free that
 * aborts the JVM). So this callback only declares what may be asked, and refuses every question
 * that reaches it, which fails the login cleanly instead.
 */
final class AuthFileOnly extends ConnectAuth {
  AuthFileOnly() {
    credType =
        new CredentialType[] {CredentialType.VIR_CRED_AUTHNAME, CredentialType.VIR_CRED_PASSPHRASE};
  }

  @Override
  public int callback(Credential[] credentials) {
    return -1;
  }
}
