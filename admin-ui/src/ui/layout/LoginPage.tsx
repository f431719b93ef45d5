/** The sign-in page (cookie session, POST /api/auth/login), with the product name and the language switch. */
import { Box, Typography } from '@mui/material';
import { LocalesMenuButton, Login, LoginForm } from 'react-admin';
import { MetaIcon } from '../MetaIcon.js';

export function LoginPage() {
  return (
    <Login avatarIcon={<MetaIcon name="dashboard_customize" />} sx={{ background: 'linear-gradient(135deg, #1e5aa8 0%, #0d2b55 100%)' }}>
      <Typography variant="h5" align="center" sx={{ fontWeight: 500 }}>
        Tessera
      </Typography>
      <LoginForm />
      <Box sx={{ display: 'flex', justifyContent: 'center', pb: 1 }}>
        <LocalesMenuButton />
      </Box>
    </Login>
  );
}
