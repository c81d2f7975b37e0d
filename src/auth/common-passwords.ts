/**
 * Commonly used passwords of 12 or more characters (from public breach
 * corpora). Shorter ones are already refused by the length rule.
 */
export const COMMON_PASSWORDS = new Set([
  '123456789012', '1234567890123', '12345678901234', '123456789123', '111111111111', '000000000000', '123123123123',
  '987654321098', '147258369147', '112233445566', '121212121212', '123412341234', 'qwertyuiop12', 'qwertyuiop123',
  'qwertyuiopasdf', 'qwertyuiopasdfgh', 'qwerty123456', '1q2w3e4r5t6y', '1qaz2wsx3edc', 'zaq12wsxcde3', 'asdfghjkl123',
  'zxcvbnm12345', 'password1234', 'password12345', 'password123456', 'passwordpassword', 'password!123', 'p@ssword1234',
  'p@ssw0rd1234', 'passw0rd1234', 'mypassword123', 'iloveyou1234', 'letmein12345', 'welcome12345', 'welcome123456',
  'changeme1234', 'administrator', 'administrator1', 'admin1234567', 'adminadmin123', 'football1234', 'baseball1234',
  'liverpool123', 'manchester123', 'chelsea12345', 'arsenal12345', 'sunshine1234', 'princess1234', 'monkey123456',
  'dragon123456', 'superman1234', 'batman123456', 'trustno11234', 'whatever1234', 'starwars1234', 'pokemon12345',
  'computer1234', 'internet1234', 'abcdefghijkl', 'abcdefghijklm', 'abc123456789', 'abcd12345678', 'aa1234567890',
  'thisismypassword', 'correcthorsebatterystaple', 'ilovemyfamily', 'iloveyoubaby', 'summer2024!!', 'summer2025!!',
  'winter2025!!', 'spring2026!!', 'autumn2026!!', 'january2026!', 'november2026', 'december2026', 'london123456',
  'england12345', 'unitedkingdom', 'qwertyqwerty', 'asdfasdfasdf', 'zxcvzxcvzxcv', 'passwordpass', 'letmeinplease',
  'adoption1234', 'adoptionsupport', 'therapy12345', 'socialworker', 'socialwork123', 'commissioner', 'kentcouncil1',
]);
