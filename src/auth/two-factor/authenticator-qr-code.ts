import { toString as qrCodeSvg } from 'qrcode';
import { totpUri } from './totp';

/** What the set-up page shows for a new authenticator secret: an accessible QR code and the key in groups of four. */
export async function authenticatorSetUpModel(secret: string, email: string) {
  const svg = await qrCodeSvg(totpUri(secret, email), { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return {
    qrCode: svg
      .replace('<svg ', '<svg role="img" aria-labelledby="qr-code-title" width="200" height="200" ')
      .replace(/(<svg[^>]*>)/, '$1<title id="qr-code-title">QR code to add this account to an authenticator app</title>'),
    secretGroups: secret.match(/.{1,4}/g)!.join(' '),
    email,
  };
}
